package com.warroom.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.warroom.playbooks.Severity;
import com.warroom.reports.Assessment;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.EventClass;
import com.warroom.reports.Impact;
import com.warroom.reports.Measure;
import com.warroom.reports.Nature;
import com.warroom.reports.PdfDocuments;
import com.warroom.reports.ReportBook;
import com.warroom.reports.TimedLine;

/**
 * Report book rendering time: the seed's real case (4.8, database node 1) with a course
 * of {@code steps} timed lines, rendered to PDF with the embedded font subset. Reports
 * the first render (font loaded), then, after {@code warmup} renders, {@code runs}
 * renders one after another: p50, p99, max and the PDF size. Usage:
 * {@code ReportBookBenchmark [runs=500] [warmup=200] [steps=12]}.
 */
public final class ReportBookBenchmark {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	public static void main(String[] args) {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 500;
		int warmup = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		int steps = (args.length > 2) ? Integer.parseInt(args[2]) : 12;
		ReportBook book = book(steps);
		PdfDocuments documents = new PdfDocuments(CHINA);
		long start = System.nanoTime();
		int size = documents.reportBook(book).length;
		System.out.printf("first render (font loaded): %.1f ms, %,d bytes%n", (System.nanoTime() - start) / 1e6, size);
		for (int i = 0; i < warmup; i++) {
			documents.reportBook(book);
		}
		List<Long> times = new ArrayList<>(runs);
		long total = System.nanoTime();
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			size = documents.reportBook(book).length;
			times.add(System.nanoTime() - t0);
		}
		double seconds = (System.nanoTime() - total) / 1e9;
		Collections.sort(times);
		System.out.printf(
				"%d renders after %d warm-up, %d course lines: p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
						+ "%.0f per second; PDF %,d bytes%n",
				runs, warmup, steps, percentile(times, 50), percentile(times, 99), times.get(times.size() - 1) / 1e6,
				runs / seconds, size);
	}

	private static double percentile(List<Long> sorted, double p) {
		int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
	}

	private static ReportBook book(int steps) {
		Instant occurred = at("2012-06-15T13:58:16");
		List<TimedLine> course = new ArrayList<>();
		List<Measure> measures = new ArrayList<>();
		for (int i = 0; i < steps; i++) {
			Instant when = occurred.plusSeconds(15L * i);
			course.add(new TimedLine(when, "第 " + (i + 1) + " 步：数据库管理员检查节点 2 的系统运行状态，监控切换过程，并做好切换至热备数据库系统的准备"));
			if (i % 3 == 0) {
				measures.add(new Measure(when, "关闭节点 1 服务器主机电源，由节点 2 自动接管", "节点 2 成功接管"));
			}
		}
		CompanyInfo company = new CompanyInfo("XX期货有限公司", "张伟", "李明", "王芳", "010-8888 6666", "010-8888 6667",
				"138 0013 8000", "it@xxqh.example", null);
		return new ReportBook("INC-20120615-001", false, ReportBook.Sequence.nth(2), at("2012-06-15T14:10:00"), company,
				List.of("赵刚（首席风险官）", "钱进（总经理）"), occurred, null, course,
				new Impact("公司范围内使用主系统交易和银期转账的客户", "报单委托和银期转账受到影响", "约 500 至 1000 人", "100 万元以下"),
				new Assessment("对公司形象造成了一定的负面影响", "主数据库系统节点 1 服务器硬件故障", EventClass.EQUIPMENT_FAILURE, Severity.GENERAL,
						"集中交易系统中断不足 5 分钟", Nature.NOT_RESPONSIBLE),
				measures, "请硬件厂商协助检测", "系统已恢复正常");
	}

	private static Instant at(String local) {
		return LocalDateTime.parse(local).atZone(CHINA).toInstant();
	}

}
