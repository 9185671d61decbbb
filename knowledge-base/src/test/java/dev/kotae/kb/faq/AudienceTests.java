package dev.kotae.kb.faq;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AudienceTests {

	@Test
	void emptyAudienceIsEveryone() {
		assertThat(Audience.parse("").isEveryone()).isTrue();
		assertThat(Audience.parse(null).matches(Map.of())).isTrue();
		assertThat(Audience.EVERYONE.matches(Map.of("product", "a"))).isTrue();
	}

	@Test
	void everyKeyMustMatchOneOfItsValuesIgnoringCase() {
		Audience audience = Audience.parse("product=A|b; plan=pro");
		assertThat(audience.matches(Map.of("product", "a", "plan", "PRO"))).isTrue();
		assertThat(audience.matches(Map.of("Product", "B", "plan", "pro", "role", "admin"))).isTrue();
		assertThat(audience.matches(Map.of("product", "c", "plan", "pro"))).isFalse();
		assertThat(audience.matches(Map.of("product", "a"))).as("missing attribute").isFalse();
		assertThat(audience.matches(Map.of())).isFalse();
	}

	@Test
	void formatRoundTrips() {
		Audience audience = Audience.parse("product=a|b;plan=pro");
		assertThat(audience.format()).isEqualTo("product=a|b;plan=pro");
		assertThat(Audience.parse(audience.format())).isEqualTo(audience);
	}

	@Test
	void malformedRulesAreRefusedWithAReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> Audience.parse("product")).withMessageContaining("key=value");
		assertThatIllegalArgumentException().isThrownBy(() -> Audience.parse("product=")).withMessageContaining("value");
		assertThatIllegalArgumentException().isThrownBy(() -> Audience.parse("pro duct=a")).withMessageContaining("key");
	}

	@Test
	void rulesCheckTheAudienceOfADraft() {
		FaqDraft draft = new FaqDraft(null, "en", "q?", null, "a", null, null, null, null, "plan");
		InvalidInputException ex = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
				() -> FaqRules.check(draft, FaqStatus.DRAFT));
		assertThat(ex.violations()).extracting(InvalidInputException.Violation::field).containsExactly("audience");
		assertThat(FaqRules.check(draft.withId("x").withAudience("plan=pro"), FaqStatus.DRAFT).audience())
			.isEqualTo(Audience.parse("plan=pro"));
	}

}
