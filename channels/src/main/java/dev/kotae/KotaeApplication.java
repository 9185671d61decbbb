package dev.kotae;

import java.util.Arrays;

import dev.kotae.bot.eval.EvalCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Kotae's entry point. {@code java -jar kotae.jar} runs the server; {@code java -jar kotae.jar eval
 * ...} runs an evaluation and exits, without starting the server or touching its database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KotaeApplication {

	public static void main(String[] args) {
		if (args.length > 0 && "eval".equals(args[0])) {
			System.exit(new EvalCommand(System.out, System.err).run(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(KotaeApplication.class, args);
	}

}
