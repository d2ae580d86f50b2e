package com.warroom.notify.internal;

import com.warroom.notify.spi.DeliveryResult;
import com.warroom.notify.spi.Notification;
import com.warroom.notify.spi.NotificationChannel;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * E-mail through Spring's mail support (SMTP from {@code spring.mail.*}): the target is
 * the address, the subject the title (【演练】 for drills). A bad address or refused login
 * fails for good; anything else (server down, time-out) is retried by the outbox.
 */
public final class MailChannel implements NotificationChannel {

	private final JavaMailSender sender;

	private final String from;

	public MailChannel(JavaMailSender sender, String from) {
		this.sender = sender;
		this.from = from;
	}

	@Override
	public String type() {
		return "email";
	}

	@Override
	public DeliveryResult deliver(Notification notification) {
		try {
			new InternetAddress(notification.target(), true);
		}
		catch (AddressException ex) {
			return DeliveryResult.failed("邮件地址无效");
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(from);
		message.setTo(notification.target());
		message.setSubject((notification.drill() ? "【演练】" : "") + notification.title());
		message.setText(notification.text());
		try {
			sender.send(message);
			return DeliveryResult.delivered();
		}
		catch (MailAuthenticationException | MailParseException ex) {
			return DeliveryResult.failed("邮件服务器拒绝：" + ex.getClass().getSimpleName());
		}
		catch (MailException ex) {
			return DeliveryResult.retry(null, "邮件发送失败：" + ex.getClass().getSimpleName());
		}
	}

}
