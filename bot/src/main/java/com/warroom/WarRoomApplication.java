package com.warroom;

import java.util.Arrays;

import com.warroom.bot.PasswordHashCli;
import com.warroom.playbooks.PlaybookCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * WarRoom, the emergency command bot. Starts on embedded defaults; with
 * {@code validate-playbooks DIR} as arguments it only validates a playbook directory and
 * exits (0 valid, 1 errors, 2 usage); with {@code hash-password} it prints the BCrypt
 * hash of a password for the web accounts file and exits.
 */
@SpringBootApplication
public class WarRoomApplication {

	/** The command-line mode that validates playbooks without starting the bot. */
	public static final String VALIDATE = "validate-playbooks";

	public static void main(String[] args) {
		if (args.length > 0 && VALIDATE.equals(args[0])) {
			System.exit(PlaybookCli.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		if (args.length > 0 && PasswordHashCli.COMMAND.equals(args[0])) {
			System.exit(PasswordHashCli.run(System.out, System.err));
		}
		SpringApplication.run(WarRoomApplication.class, args);
	}

}
