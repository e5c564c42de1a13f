package hudson.model;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Api.java}.
 * Only the constructor; omitted: {@code extends AbstractModelObject}, the {@code bean} field and the web methods
 * ({@code doXml}, {@code doJson}, {@code doPython}, {@code doSchema}), which Stapler calls.
 */
public class Api {
    public Api(Object bean) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
