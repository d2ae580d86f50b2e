package com.warroom.bot.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebHtmlTests {

	@Test // GH-6
	void escapesTextForContentAndAttributes() {
		assertThat(WebHtml.text("<script>alert('x') & \"y\"</script>"))
			.isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
	}

	@Test
	void letsTheEnginesTagsAndEntitiesThrough() {
		assertThat(WebHtml.engine("<b>INC-1</b> <i>演练</i> <code>x</code> &lt;note&gt; &amp; &#39;"))
			.isEqualTo("<b>INC-1</b> <i>演练</i> <code>x</code> &lt;note&gt; &amp; &#39;");
	}

	@Test
	void escapesAnyOtherMarkupEvenIfTheEngineForgotTo() {
		assertThat(WebHtml.engine("<script>alert(1)</script><b onclick=\"x\">a</b><img src=x onerror=y> R&D"))
			.isEqualTo(
					"&lt;script>alert(1)&lt;/script>&lt;b onclick=&quot;x&quot;>a</b>&lt;img src=x onerror=y> R&amp;D")
			.doesNotContain("<script", "<img", "<b ");
	}

	@Test
	void encodesPathSegments() {
		assertThat(WebHtml.segment("报告书 第1次.pdf")).isEqualTo("%E6%8A%A5%E5%91%8A%E4%B9%A6%20%E7%AC%AC1%E6%AC%A1.pdf");
		assertThat(WebHtml.segment("../x")).isEqualTo("..%2Fx");
	}

}
