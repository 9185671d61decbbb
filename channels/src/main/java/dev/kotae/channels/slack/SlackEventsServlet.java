package dev.kotae.channels.slack;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.kotae.channels.web.Problems;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Bolt's servlet at {@code POST /slack/events}, behind a signature check on the raw body: a request
 * that is not signed with the signing secret, or is more than 5 minutes old, gets a 401 problem
 * before anything parses it. Bolt's own {@code RequestVerification} then checks it once more.
 */
class SlackEventsServlet extends SlackAppServlet {

	private static final long serialVersionUID = 1L;

	private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

	private final transient SlackSignatureVerifier verifier;

	private final transient JsonMapper json;

	SlackEventsServlet(App app, SlackSignatureVerifier verifier, JsonMapper json) {
		super(app);
		this.verifier = verifier;
		this.json = json;
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] body = request.getInputStream().readAllBytes();
		if (!this.verifier.isValid(request.getHeader(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP), body,
				request.getHeader(SlackSignature.HeaderNames.X_SLACK_SIGNATURE))) {
			log.warn("Refused a request to {} with a missing, wrong or expired Slack signature",
					request.getRequestURI());
			Problems.write(request, response,
					Problems.of(HttpStatus.UNAUTHORIZED, "invalid-slack-signature", "Invalid Slack signature",
							"The request is not signed with this Slack app's signing secret, or its "
									+ "X-Slack-Request-Timestamp is more than 5 minutes off."),
					this.json);
			return;
		}
		super.doPost(new ReadAgain(request, body), response);
	}

	/** The request with its body, already read for the check, readable again (as UTF-8 text). */
	private static final class ReadAgain extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadAgain(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), StandardCharsets.UTF_8));
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous only");
				}

			};
		}

		@Override
		public String getCharacterEncoding() {
			return StandardCharsets.UTF_8.name();
		}

	}

}
