package com.warroom.bot;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * {@code java -jar warroom-exec.jar hash-password}: prints the BCrypt hash of a password
 * for the web accounts file {@code WEB_PASSWORDS_FILE} (as {@code roster-id:hash}). Reads
 * the password twice from the console without echo, or once from standard input when
 * there is no console.
 */
public final class PasswordHashCli {

	/** The command-line mode. */
	public static final String COMMAND = "hash-password";

	private PasswordHashCli() {
	}

	/** Runs the command; returns the exit code (0 done, 1 no password or a mismatch). */
	public static int run(PrintStream out, PrintStream err) {
		Console console = System.console();
		String password;
		if (console != null) {
			char[] first = console.readPassword("密码：");
			char[] second = console.readPassword("再次输入：");
			if (first == null || second == null || !Arrays.equals(first, second)) {
				err.println("两次输入不一致，未生成。");
				return 1;
			}
			password = new String(first);
		}
		else {
			try {
				password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			}
			catch (IOException ex) {
				password = null;
			}
		}
		if (password == null || password.length() < 8 || !fits(password)) {
			err.println("密码应为 8 个字符到 72 字节（UTF-8），未生成。");
			return 1;
		}
		out.println(hash(password));
		return 0;
	}

	/**
	 * A BCrypt hash of {@code password} at cost 12.
	 * @throws IllegalArgumentException for a password longer than BCrypt's 72 bytes
	 */
	public static String hash(String password) {
		if (!fits(password)) {
			throw new IllegalArgumentException("密码不能超过 72 字节（UTF-8）");
		}
		return BCrypt.hashpw(password, BCrypt.gensalt(12));
	}

	/** Whether BCrypt reads the whole password: 72 bytes (UTF-8) at most. */
	public static boolean fits(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= 72;
	}

}
