package com.warroom.playbooks;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Validates a playbook directory from the command line:
 * {@code java -jar warroom.jar validate-playbooks DIR}. Exit code 0 when the library
 * (bundled playbooks plus DIR) is valid, 1 with every error listed otherwise, 2 on wrong
 * usage.
 */
public final class PlaybookCli {

	private PlaybookCli() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the validation and returns the exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 1) {
			err.println("用法：validate-playbooks <预案目录>");
			return 2;
		}
		LoadResult result = PlaybookLoader.loadBundledWith(Path.of(args[0]));
		if (result.ok()) {
			PlaybookLibrary library = result.orElseThrow();
			out.printf("预案库有效：%d 个预案，%d 个步骤%n", library.size(), library.stepCount());
			return 0;
		}
		result.errors().forEach(err::println);
		err.printf("共 %d 处错误，预案库未加载%n", result.errors().size());
		return 1;
	}

}
