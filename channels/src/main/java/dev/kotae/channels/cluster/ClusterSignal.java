package dev.kotae.channels.cluster;

/**
 * A change committed on another node, received by this one (published as an application event on
 * the receiving node only). Signals say what to re-read from the database, never carry the data.
 *
 * @param topic one of the {@code *} constants
 * @param key what changed within the topic (see each topic); may be empty
 */
public record ClusterSignal(String topic, String key) {

	/** A message was added; key {@code <conversation id>/<message id>}. */
	public static final String MESSAGE = "message";

	/** A hand-off changed; key {@code <type>/<conversation id>} with the operator stream's event type. */
	public static final String HANDOFF = "handoff";

	/** FAQs were saved or deleted; key: their ids, comma-separated, or {@code *} for "reload all". */
	public static final String FAQS = "faqs";

	/** Synonym sets changed. */
	public static final String SYNONYMS = "synonyms";

	/** Out-of-scope phrases changed. */
	public static final String OUT_OF_SCOPE = "out-of-scope";

	/** Site settings changed. */
	public static final String SITES = "sites";

	/**
	 * This node may have missed signals (its listening connection was lost and is back): everything
	 * should be re-read. Only ever published locally.
	 */
	public static final String RESYNC = "resync";

	/** The key's parts split at {@code /}. */
	public String[] parts() {
		return this.key.split("/", -1);
	}

}
