package dev.kotae.bot.voc;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.voc.masking.*}: which kinds of personal data {@link PiiMasker} masks in a message
 * before it is stored, checked at start-up. Every built-in rule is on unless switched off.
 *
 * @param email mask e-mail addresses as {@code [email]}
 * @param phone mask Japanese and international phone numbers as {@code [phone]}
 * @param card mask Luhn-valid payment-card numbers as {@code [card]}
 * @param myNumber mask Japanese My Numbers (個人番号) with a valid check digit as
 * {@code [my-number]}
 * @param custom further rules, applied after the built-in ones, in the order given
 */
@Validated
@ConfigurationProperties("kotae.voc.masking")
public record MaskingProperties(@DefaultValue("true") boolean email, @DefaultValue("true") boolean phone,
		@DefaultValue("true") boolean card, @DefaultValue("true") boolean myNumber, List<@Valid CustomRule> custom) {

	public MaskingProperties {
		custom = (custom != null) ? List.copyOf(custom) : List.of();
	}

	/** Every built-in rule on, no custom rule: for code that runs without Spring. */
	public static MaskingProperties defaults() {
		return new MaskingProperties(true, true, true, true, List.of());
	}

	/**
	 * {@code kotae.voc.masking.custom[n].*}: a rule of the deployment's own, e.g. member IDs. The
	 * pattern is matched against the message with full-width ASCII folded to half-width (so
	 * {@code M-\d{8}} also finds {@code Ｍ－１２３４５６７８}); write it in half-width characters.
	 *
	 * @param name names the rule in error messages
	 * @param pattern a Java regular expression; it must compile, must not match the empty string
	 * and must not match its own replacement (masked text would be masked again)
	 * @param replacement the literal text a match is replaced with, e.g. {@code [member-id]}
	 */
	public record CustomRule(@NotBlank String name, @NotNull String pattern, @NotNull String replacement) {

		/** Strings a pattern is tried on to find one that matches nothing at all. */
		private static final List<String> EMPTY_MATCH_PROBES = List.of("", " ", "a", "Z", "1", "-", "あ", "a b");

		public CustomRule {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("kotae.voc.masking.custom: every rule needs a name");
			}
			String rule = "kotae.voc.masking.custom rule '" + name + "'";
			if (pattern == null || pattern.isEmpty()) {
				throw new IllegalArgumentException(rule + ": pattern must not be empty");
			}
			if (replacement == null) {
				throw new IllegalArgumentException(rule + ": replacement must not be null");
			}
			Pattern compiled;
			try {
				compiled = Pattern.compile(pattern);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						rule + ": pattern '" + pattern + "' is not a valid Java regular expression: "
								+ ex.getDescription() + " near index " + ex.getIndex(),
						ex);
			}
			for (String probe : EMPTY_MATCH_PROBES) {
				Matcher matcher = compiled.matcher(probe);
				while (matcher.find()) {
					if (matcher.start() == matcher.end()) {
						throw new IllegalArgumentException(rule + ": pattern '" + pattern
								+ "' matches the empty string; it must match at least one character");
					}
				}
			}
			if (compiled.matcher(replacement).find()) {
				throw new IllegalArgumentException(rule + ": pattern '" + pattern + "' matches its own replacement '"
						+ replacement + "', so masked text would be masked again");
			}
		}

		Pattern compiledPattern() {
			return Pattern.compile(this.pattern);
		}

	}

}
