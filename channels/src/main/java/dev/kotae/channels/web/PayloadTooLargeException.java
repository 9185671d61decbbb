package dev.kotae.channels.web;

/** A request body is larger than its endpoint accepts. */
public class PayloadTooLargeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long limit;

	public PayloadTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes.");
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}

}
