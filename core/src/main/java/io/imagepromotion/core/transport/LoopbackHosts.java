package io.imagepromotion.core.transport;

import java.util.Locale;

/** Loopback hosts, which may speak plain HTTP without being named insecure: nothing leaves the machine. */
final class LoopbackHosts {
    private LoopbackHosts() {
    }

    /** {@code registry} is {@code host}, {@code host:port} or {@code [v6]:port}. */
    static boolean isLoopback(String registry) {
        String host = registry.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close > 0 ? host.substring(1, close) : host;
            return host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        String[] octets = host.split("\\.");
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String o : octets) {
            if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
