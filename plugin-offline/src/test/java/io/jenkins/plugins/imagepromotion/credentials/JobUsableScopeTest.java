package io.jenkins.plugins.imagepromotion.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drop-downs and checks offer only credentials a build can resolve: System-scoped ones are left out. */
class JobUsableScopeTest {
    static Credentials scoped(CredentialsScope scope) {
        return (Credentials) Proxy.newProxyInstance(Credentials.class.getClassLoader(), new Class<?>[]{Credentials.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getScope")) {
                        return scope;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void systemScopedCredentialsAreNotOffered() {
        List<CredentialsScope> offered = Arrays.stream(CredentialsScope.values())
                .filter(s -> JobUsableScope.INSTANCE.matches(scoped(s))).toList();
        assertEquals(List.of(CredentialsScope.GLOBAL, CredentialsScope.USER), offered);
    }
}
