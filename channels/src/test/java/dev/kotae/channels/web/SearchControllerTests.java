package dev.kotae.channels.web;

import java.util.List;

import dev.kotae.channels.security.SecurityProperties;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.FaqSearch;
import dev.kotae.kb.search.SearchHit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Slice tests of {@link SearchController} with the web package's advice and filter and the real
 * security configuration (included by name: it is package-private), to show that search is public.
 */
@WebMvcTest(controllers = SearchController.class,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.kotae\\.channels\\.security\\..*"),
		properties = "kotae.security.admin-password=test-admin-password")
@EnableConfigurationProperties({ WebProperties.class, SecurityProperties.class })
class SearchControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private FaqSearch search;

	@Test
	void isPublicAndDetectsJapanese() {
		String q = "パスワードを忘れました";
		given(this.search.search(q, Language.JA, 10)).willReturn(
				List.of(new SearchHit("pw-reset", Language.JA, "パスワードを忘れた場合は？", "account", 12.5f)));
		MvcTestResult result = this.mvc.get().uri("/api/v1/search").param("q", q).exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().isStrictlyEqualTo("""
				{"locale":"ja","hits":[{"id":"pw-reset","question":"パスワードを忘れた場合は？","category":"account","score":12.5}]}
				""");
		verify(this.search).search(q, Language.JA, 10);
	}

	@Test
	void detectsEnglishWhenNoJapaneseScriptIsPresent() {
		given(this.search.search(any(), any(), anyInt())).willReturn(List.of());
		MvcTestResult result = this.mvc.get().uri("/api/v1/search").param("q", "forgot my password").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().isStrictlyEqualTo("{\"locale\":\"en\",\"hits\":[]}");
		verify(this.search).search("forgot my password", Language.EN, 10);
	}

	@Test
	void explicitLocaleWinsOverDetectionAndLimitIsPassedOn() {
		given(this.search.search(any(), any(), anyInt())).willReturn(List.of());
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/search")
			.param("q", "パスワード")
			.param("locale", "en-US")
			.param("limit", "50")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.locale").isEqualTo("en");
		verify(this.search).search("パスワード", Language.EN, 50);
	}

	@Test
	void queryOfExactlyTheMaximumLengthIsAccepted() {
		String q = "a".repeat(1_000);
		given(this.search.search(any(), any(), anyInt())).willReturn(List.of());
		assertThat(this.mvc.get().uri("/api/v1/search").param("q", q)).hasStatusOk();
		verify(this.search).search(q, Language.EN, 10);
	}

	@Test
	void missingQueryIsBadRequest() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/search").exchange();
		assertProblem(result, "q must not be empty");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("q");
		verifyNoInteractions(this.search);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t\n" })
	void blankQueryIsBadRequest(String q) {
		MvcTestResult result = this.mvc.get().uri("/api/v1/search").param("q", q).exchange();
		assertProblem(result, "q must not be empty");
		verifyNoInteractions(this.search);
	}

	@Test
	void queryLongerThanTheMaximumIsBadRequest() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/search").param("q", "a".repeat(1_001)).exchange();
		assertProblem(result, "q must be at most 1000 characters");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("q");
		verifyNoInteractions(this.search);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "51", "-1" })
	void limitOutOfRangeIsBadRequest(String limit) {
		MvcTestResult result = this.mvc.get().uri("/api/v1/search").param("q", "password").param("limit", limit).exchange();
		assertProblem(result, "limit must be between 1 and 50");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("limit");
		verifyNoInteractions(this.search);
	}

	@Test
	void nonNumericLimitIsBadRequestNotServerError() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/search").param("q", "password").param("limit", "ten").exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("limit");
		assertThat(result).bodyJson().doesNotHavePath("$.trace");
		verifyNoInteractions(this.search);
	}

	@Test
	void unknownLocaleIsBadRequest() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/search").param("q", "password").param("locale", "fr").exchange();
		assertProblem(result, "unknown locale 'fr'");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("locale");
		verifyNoInteractions(this.search);
	}

	@Test
	void onlyGetIsPublic() {
		MvcTestResult result = this.mvc.post().uri("/api/v1/search").param("q", "password").exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.containsHeader("WWW-Authenticate");
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:kotae:problem:unauthorized");
		verifyNoInteractions(this.search);
	}

	private static void assertProblem(MvcTestResult result, String detail) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(400);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:kotae:problem:invalid-input");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(detail);
		assertThat(result).bodyJson().doesNotHavePath("$.trace").doesNotHavePath("$.exception");
	}

}
