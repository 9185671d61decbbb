package dev.kotae.bot.nlu;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Saves and loads trained classifiers. A model is one zip stream: a {@value #MANIFEST} entry first
 * (format, kind, the caller's {@code kbVersion}), then the parts of the model. In a directory it is
 * the file {@value #FILE_NAME}, replaced atomically on save.
 */
public final class IntentModelStore {

	/** The file a model is kept in inside a directory. */
	public static final String FILE_NAME = "intent-model.zip";

	static final String MANIFEST = "manifest.properties";

	static final int FORMAT = 1;

	/** Largest entry accepted when reading, against a corrupt or hostile file. */
	private static final long MAX_ENTRY_BYTES = 1L << 30;

	private IntentModelStore() {
	}

	/** Writes a classifier with its knowledge-base version to {@code directory}/{@value #FILE_NAME}. */
	public static void save(IntentClassifier classifier, String kbVersion, Path directory) throws IOException {
		Files.createDirectories(directory);
		Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
		try {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
				classifier.save(out, kbVersion);
			}
			Files.move(temporary, directory.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Loads the classifier saved in {@code directory}. */
	public static StoredIntentModel load(Path directory) throws IOException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(directory.resolve(FILE_NAME)))) {
			return read(in);
		}
	}

	/**
	 * The knowledge-base version of the model saved in {@code directory}, read without loading the
	 * model; empty when there is none.
	 */
	public static Optional<String> kbVersion(Path directory) throws IOException {
		Path file = directory.resolve(FILE_NAME);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			ZipEntry first = zip.getNextEntry();
			if (first == null || !MANIFEST.equals(first.getName())) {
				throw new IOException(file + " is not a Kotae intent model");
			}
			return Optional.of(manifest(zip.readAllBytes()).getProperty("kbVersion"));
		}
	}

	/** Reads a model written by {@link IntentClassifier#save}. Does not close the stream. */
	public static StoredIntentModel read(InputStream in) throws IOException {
		ZipInputStream zip = new ZipInputStream(in);
		Map<String, byte[]> entries = new HashMap<>();
		for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
			byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_ENTRY_BYTES + 1));
			if (bytes.length > MAX_ENTRY_BYTES) {
				throw new IOException("model entry " + entry.getName() + " is too large");
			}
			entries.put(entry.getName(), bytes);
		}
		byte[] manifestBytes = entries.get(MANIFEST);
		if (manifestBytes == null) {
			throw new IOException("not a Kotae intent model: no " + MANIFEST);
		}
		Properties manifest = manifest(manifestBytes);
		if (!Integer.toString(FORMAT).equals(manifest.getProperty("format"))) {
			throw new IOException("unsupported intent model format " + manifest.getProperty("format"));
		}
		String kbVersion = manifest.getProperty("kbVersion");
		if (kbVersion == null) {
			throw new IOException("the model manifest has no kbVersion");
		}
		String kind = manifest.getProperty("kind");
		if (!MlpIntentClassifier.KIND.equals(kind)) {
			throw new IOException("unknown intent model kind " + kind);
		}
		return new StoredIntentModel(MlpIntentClassifier.read(manifest, entries), kbVersion);
	}

	private static Properties manifest(byte[] bytes) throws IOException {
		Properties manifest = new Properties();
		manifest.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));
		return manifest;
	}

}
