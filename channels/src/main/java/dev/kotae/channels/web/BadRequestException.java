package dev.kotae.channels.web;

/** A request parameter is out of range or of the wrong form; the message says how to fix it. */
public class BadRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String parameter;

	public BadRequestException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	public String parameter() {
		return this.parameter;
	}

}
