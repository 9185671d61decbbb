package dev.kotae.channels.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error page, for requests Tomcat refuses before Spring sees them (a malformed
 * request line, say): a problem body instead of an HTML page, never with a stack trace.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"urn:kotae:problem:http-" + status + "\",\"title\":\"" + title + "\",\"status\":"
						+ status + ",\"detail\":\"The server could not process this request (" + title + ").\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the response is already committed or the client went away: nothing more to send
		}
	}

}
