package dev.kotae.channels.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The editor workspace's pages, static under {@code static/admin/}: {@code /admin} (FAQs) and one
 * folder per other page. Who may open which is decided in the security configuration.
 */
@Controller
class AdminPageController {

	@GetMapping({ "/admin", "/admin/" })
	String workspace() {
		return "forward:/admin/index.html";
	}

	@GetMapping({ "/admin/{page:analytics|unanswered|settings|users}", "/admin/{page:analytics|unanswered|settings|users}/" })
	String page(@PathVariable String page) {
		return "forward:/admin/" + page + "/index.html";
	}

}
