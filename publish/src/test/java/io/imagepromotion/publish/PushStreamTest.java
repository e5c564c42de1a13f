package io.imagepromotion.publish;

import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DockerClientConfig;
import io.imagepromotion.core.digest.Digest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Stream items in the shape Docker Engine sends them (no Docker engine runs here; podman is covered by the engine
 * tests): per-layer progress, the digest as status text and as {@code aux}, and errors inside a 200 stream.
 */
class PushStreamTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static EngineConnection.PushStream feed(List<String> sink, String... jsonLines) throws Exception {
        EngineConnection.PushStream stream = new EngineConnection.PushStream(sink::add);
        for (String line : jsonLines) {
            stream.onNext(DockerClientConfig.getDefaultObjectMapper().readValue(line, PushResponseItem.class));
        }
        return stream;
    }

    @Test
    void dockerStyleStreamReportsEachLayerStatusOnceAndTheAuxDigest() throws Exception {
        List<String> lines = new ArrayList<>();
        EngineConnection.PushStream stream = feed(lines,
                "{\"status\":\"The push refers to repository [registry.example.com/team/app]\"}",
                "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"5f70bf18a086\"}",
                "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":512,\"total\":2048},\"progress\":\"[=>  ]\",\"id\":\"5f70bf18a086\"}",
                "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":1024,\"total\":2048},\"progress\":\"[==> ]\",\"id\":\"5f70bf18a086\"}",
                "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"5f70bf18a086\"}",
                "{\"status\":\"3f2a9c1: digest: " + DIGEST + " size: 528\"}",
                "{\"progressDetail\":{},\"aux\":{\"Tag\":\"3f2a9c1\",\"Digest\":\"" + DIGEST + "\",\"Size\":528}}");

        assertEquals(List.of("The push refers to repository [registry.example.com/team/app]",
                "5f70bf18a086: Preparing", "5f70bf18a086: Pushing", "5f70bf18a086: Pushed",
                "3f2a9c1: digest: " + DIGEST + " size: 528"), lines);
        assertEquals(Digest.parse(DIGEST), stream.digest);
        assertNull(stream.error);
    }

    @Test
    void firstErrorItemIsKeptOnOneLine() throws Exception {
        EngineConnection.PushStream stream = feed(new ArrayList<>(),
                "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"5f70bf18a086\"}",
                "{\"errorDetail\":{\"message\":\"writing manifest: errors:\\ndenied: requested access to the resource is denied\\n"
                        + "unauthorized: authentication required\\n\"},\"error\":\"writing manifest\"}",
                "{\"errorDetail\":{\"message\":\"second error\"},\"error\":\"second error\"}");

        assertEquals("writing manifest: errors: denied: requested access to the resource is denied; "
                + "unauthorized: authentication required", stream.error);
        assertNull(stream.digest);
    }

    @Test
    void errorWithoutDetailUsesTheErrorField() throws Exception {
        EngineConnection.PushStream stream = feed(new ArrayList<>(), "{\"error\":\"unknown blob\"}");
        assertEquals("unknown blob", stream.error);
    }
}
