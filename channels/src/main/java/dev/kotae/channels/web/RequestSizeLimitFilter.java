package dev.kotae.channels.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps request bodies: CSV imports (and their previews and jobs, everything under
 * {@code /api/v1/faqs/import}) at {@code kotae.web.max-csv-bytes}, everything else at
 * {@code kotae.web.max-json-bytes}. A declared length above the cap is refused at once with 413; a
 * body without a length is counted as it is read and fails with {@link PayloadTooLargeException}.
 * Multipart uploads are capped by {@code spring.servlet.multipart.*} as well.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	static final String IMPORT_PATH = "/api/v1/faqs/import";

	/** Room for multipart boundaries and part headers around a CSV file. */
	private static final long MULTIPART_OVERHEAD = 64 * 1024;

	private final WebProperties properties;

	private final JsonMapper json;

	RequestSizeLimitFilter(WebProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		long limit = (IMPORT_PATH.equals(path) || path.startsWith(IMPORT_PATH + "/"))
				? this.properties.maxCsvBytes().toBytes() + MULTIPART_OVERHEAD : this.properties.maxJsonBytes().toBytes();
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
					"The request body has " + declared + " bytes; this endpoint accepts at most " + limit + ".");
			Problems.write(request, response, problem, this.json);
			return;
		}
		chain.doFilter((declared < 0) ? new LimitedRequest(request, limit) : request, response);
	}

	/** Counts the bytes read from a body of unknown length. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long count;

		LimitedInputStream(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			this.count += n;
			if (this.count > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
