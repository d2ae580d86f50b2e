package com.warroom.notify.internal;

import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.warroom.notify.spi.DeliveryResult.Status;
import com.warroom.notify.spi.Notification;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/** E-mail against a real (embedded GreenMail) SMTP server, and against none. */
class MailChannelTests {

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static JavaMailSenderImpl sender(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.setDefaultEncoding("UTF-8");
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
		return sender;
	}

	@Test
	void sendsADrillMarkedMailInChinese() throws Exception {
		int port = freePort();
		GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
		smtp.start();
		try {
			MailChannel mail = new MailChannel(sender(port), "warroom@example.com");
			Notification notification = new Notification("n1", "leader@example.com", "INC-20261123-001 升级通知",
					"定期报告 第 1 次已超时", true);
			assertThat(mail.deliver(notification).status()).isEqualTo(Status.DELIVERED);
			MimeMessage received = smtp.getReceivedMessages()[0];
			assertThat(received.getSubject()).isEqualTo("【演练】INC-20261123-001 升级通知");
			assertThat(received.getContent().toString()).contains("定期报告 第 1 次已超时");
			assertThat(received.getAllRecipients()[0].toString()).isEqualTo("leader@example.com");
			assertThat(mail.deliver(new Notification("n2", "not an address", "t", "x", false)).status())
				.isEqualTo(Status.FAILED);
		}
		finally {
			smtp.stop();
		}
	}

	@Test
	void aServerThatIsDownIsRetried() throws Exception {
		MailChannel mail = new MailChannel(sender(freePort()), "warroom@example.com");
		assertThat(mail.deliver(new Notification("n3", "leader@example.com", "t", "x", false)).status())
			.isEqualTo(Status.RETRY);
	}

}
