package com.warroom.bot.web;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -jar warroom-exec.jar hash-password}: prints the BCrypt hash of a password
 * for {@code WEB_PASSWORDS_FILE} (as {@code roster-id:hash}). Reads the password twice
 * from the console without echo, or once from standard input when there is no console.
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
		if (password == null || password.length() < 8) {
			err.println("密码至少 8 个字符，未生成。");
			return 1;
		}
		out.println(PasswordAccounts.hash(password));
		return 0;
	}

}
