package io.imagepromotion.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin replaces our docker-java jars with the docker-java-api plugin's, so publish must be compiled against
 * the docker-java that plugin bundles at the minimum the plugin's BOM manages. This fails when the pin in
 * publish/pom.xml drifts from that version.
 */
class DockerJavaVersionTest {

    /**
     * docker-java bundled by the docker-java-api plugin that bom-2.479.x 5054.v620b_5d2b_d5e6 manages (evidence in
     * publish/pom.xml and plugin/pom.xml). Change it together with the BOM.
     */
    static final String BOM_DOCKER_JAVA = "3.5.2";

    @ParameterizedTest
    @ValueSource(strings = {"docker-java-api", "docker-java-core", "docker-java-transport",
            "docker-java-transport-httpclient5"})
    void classpathDockerJavaIsTheVersionTheBomBundles(String artifactId) throws IOException {
        String resource = "/META-INF/maven/com.github.docker-java/" + artifactId + "/pom.properties";
        Properties properties = new Properties();
        try (InputStream in = DockerJavaVersionTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, artifactId + " is not on the test classpath (" + resource + ")");
            properties.load(in);
        }
        assertEquals(BOM_DOCKER_JAVA, properties.getProperty("version"), artifactId + " version");
    }
}
