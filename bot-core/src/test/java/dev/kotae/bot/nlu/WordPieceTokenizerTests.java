package dev.kotae.bot.nlu;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** Token ids checked against BERT's uncased vocabulary, which all-MiniLM-L6-v2 shares. */
class WordPieceTokenizerTests {

	private static WordPieceTokenizer tokenizer;

	@BeforeAll
	static void readVocabulary() throws IOException {
		try (InputStream in = WordPieceTokenizerTests.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
			tokenizer = WordPieceTokenizer.read(in);
		}
	}

	@Test
	void wholeWordsAndPunctuation() {
		assertThat(tokenizer.encode("How do I reset my password?"))
			.containsExactly(101, 2129, 2079, 1045, 25141, 2026, 20786, 1029, 102);
	}

	@Test
	void unknownWordsSplitIntoPieces() {
		assertThat(tokenizer.encode("tokenization")).containsExactly(101, 19204, 3989, 102);
	}

	@Test
	void accentsAndCaseAreFoldedAndIdeographsSplit() {
		assertThat(WordPieceTokenizer.words("Héllo, WÖRLD! 解約")).containsExactly("hello", ",", "world", "!", "解", "約");
	}

	@Test
	void emptyTextIsJustTheMarkers() {
		assertThat(tokenizer.encode("")).containsExactly(101, 102);
	}

	@Test
	void longTextsAreTruncatedToTheModelsLength() {
		long[] ids = tokenizer.encode("word ".repeat(500));
		assertThat(ids).hasSize(128);
		assertThat(ids[0]).isEqualTo(101);
		assertThat(ids[127]).isEqualTo(102);
	}

	@Test
	void readsOnlyItsOwnFormat() {
		assertThatIOException().isThrownBy(
				() -> WordPieceTokenizer.read(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))));
	}

}
