package io.jenkins.plugins.imagepromotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Promotions page, the job-page box, permissions, the POST-only live check, the JSON API and escaping, in Jenkins. */
@WithJenkins
class PromotionsPageTest {
    private static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
    private static final String HOSTILE = "<script>alert('env')</script><img src=x onerror=alert(2)>";

    private static FreeStyleProject promotedJob(JenkinsRule j, String environment) throws Exception {
        FreeStyleProject job = j.createFreeStyleProject();
        FreeStyleBuild build = j.buildAndAssertSuccess(job);
        PromotionResult result = new PromotionResult(ImageReference.parse("reg.example.com/app:1.0"), A,
                "application/vnd.oci.image.manifest.v1+json",
                List.of(new TargetOutcome(ImageReference.parse("reg.example.com/app:prod"), null, true)),
                0, 0, 0, 0L, 1, 3, false);
        PromotionAction.record(build, PromotionRecord.of(PromotionOutcome.from(result), environment, "alice",
                System.currentTimeMillis()));
        return job;
    }

    @Test
    void thePageAndTheJobPageBoxShowTheEnvironments(JenkinsRule j) throws Exception {
        FreeStyleProject job = promotedJob(j, "production");
        JenkinsRule.WebClient wc = j.createWebClient().withJavaScriptEnabled(false);
        HtmlPage page = wc.getPage(job, "promotions");
        HtmlTable table = page.getFirstByXPath("//table[@id='ip-environments']");
        assertEquals("production", table.getCellAt(1, 0).asNormalizedText());
        assertTrue(table.getCellAt(1, 1).asNormalizedText().startsWith("sha256:aaaa"));
        assertNotNull(page.getFirstByXPath("//svg[contains(@class,'timeline')]"));
        HtmlPage main = wc.getPage(job);
        assertNotNull(main.getFirstByXPath("//table[@id='ip-job-environments']//a[@href='promotions/']"));
    }

    @Test
    void theBuildPageLinksToTheJobsBoard(JenkinsRule j) throws Exception {
        FreeStyleProject job = promotedJob(j, "production");
        JenkinsRule.WebClient wc = j.createWebClient().withJavaScriptEnabled(false);
        HtmlPage build = wc.getPage(job.getLastBuild());
        assertNotNull(build.getFirstByXPath("//a[contains(@href, '" + job.getUrl() + "promotions/')"
                + " and contains(., 'board of the job')]"));
    }

    @Test
    void readingNeedsItemReadAndTheLiveCheckNeedsPostAndItemBuild(JenkinsRule j) throws Exception {
        FreeStyleProject job = promotedJob(j, "prod");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader", "builder")
                .grant(Item.READ).everywhere().to("reader", "builder")
                .grant(Item.BUILD).everywhere().to("builder"));
        JenkinsRule.WebClient anonymous = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertEquals(404, anonymous.goTo(job.getUrl() + "promotions/", null).getWebResponse().getStatusCode());

        JenkinsRule.WebClient reader = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        assertEquals(200, reader.getPage(job, "promotions").getWebResponse().getStatusCode());
        assertEquals(405, reader.goTo(job.getUrl() + "promotions/liveCheck", null).getWebResponse().getStatusCode());
        WebRequest post = new WebRequest(reader.createCrumbedUrl(job.getUrl() + "promotions/liveCheck"), HttpMethod.POST);
        assertEquals(403, reader.getPage(post).getWebResponse().getStatusCode());

        JenkinsRule.WebClient builder = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("builder");
        WebRequest allowed = new WebRequest(builder.createCrumbedUrl(job.getUrl() + "promotions/liveCheck"), HttpMethod.POST);
        // Allowed: the check runs (the registry does not exist, so it records the error) and redirects to the page.
        assertEquals(200, builder.getPage(allowed).getWebResponse().getStatusCode());
    }

    @Test
    void theJsonApiExportsEnvironmentsAndChangesOnlyWhenAsked(JenkinsRule j) throws Exception {
        FreeStyleProject job = promotedJob(j, "prod");
        JSONObject api = j.getJSON(job.getUrl() + "promotions/api/json").getJSONObject();
        assertEquals("prod", api.getJSONArray("environments").getJSONObject(0).getString("name"));
        assertTrue(!api.getJSONArray("environments").getJSONObject(0).has("changes"));
        JSONObject tree = j.getJSON(job.getUrl() + "promotions/api/json?tree=environments[name,digest,changes[kind,digest]]")
                .getJSONObject();
        JSONObject prod = tree.getJSONArray("environments").getJSONObject(0);
        assertEquals(A.toString(), prod.getString("digest"));
        assertEquals("promotion", prod.getJSONArray("changes").getJSONObject(0).getString("kind"));
        JSONObject jobApi = j.getJSON(job.getUrl() + "api/json?tree=actions[_class,environments[name,state]]").getJSONObject();
        assertTrue(jobApi.toString().contains("\"state\":\"not-checked\""), jobApi.toString());
    }

    @Test
    void hostileEnvironmentNamesRunNoScript(JenkinsRule j) throws Exception {
        FreeStyleProject job = promotedJob(j, HOSTILE);
        List<String> alerts = new ArrayList<>();
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.setAlertHandler((p, message) -> alerts.add(message));
        HtmlPage page = wc.getPage(job, "promotions");
        HtmlTable table = page.getFirstByXPath("//table[@id='ip-environments']");
        assertEquals(HOSTILE, table.getCellAt(1, 0).asNormalizedText());
        wc.getPage(job);
        assertEquals(List.of(), alerts);
    }
}
