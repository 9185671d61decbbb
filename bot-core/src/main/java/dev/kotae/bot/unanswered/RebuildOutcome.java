package dev.kotae.bot.unanswered;

/** What {@link UnansweredQuestions#rebuild()} did. */
public enum RebuildOutcome {

	/** This node holds the clustering lease and recomputed the clusters. */
	REBUILT,

	/** Another node holds the lease: the request is recorded, and that node honours it on its next round. */
	REQUESTED

}
