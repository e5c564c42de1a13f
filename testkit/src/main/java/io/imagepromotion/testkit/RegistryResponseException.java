package io.imagepromotion.testkit;

/** The registry (or token server) answered a request made by {@link LayoutUploader} with an unexpected status. */
public final class RegistryResponseException extends TestkitException {
    private final String method;
    private final String uri;
    private final int status;
    private final String body;

    public RegistryResponseException(String method, String uri, int status, String body) {
        super(method + " " + uri + " answered " + status + ": " + body);
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
