package io.imagepromotion.core.ref;

import io.imagepromotion.core.error.InvalidInputException;

import java.util.regex.Pattern;

/**
 * A reference that does not follow the Docker reference grammar; the message says what is wrong and where. A
 * reference written with credentials in it ({@code user:password@host/repo}, as in a URL) is shown with them masked.
 */
public class InvalidReferenceException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{16,}");

    private final String input;

    public InvalidReferenceException(String input, String problem) {
        this(input, problem, userInfo(input));
    }

    private InvalidReferenceException(String input, String problem, String userInfo) {
        super("invalid image reference '" + mask(input, userInfo) + "': " + mask(problem, userInfo)
                + (userInfo == null ? "" : "; credentials do not belong in a reference: pass them with the credential options"));
        this.input = mask(input, userInfo);
    }

    /** The reference as given, credentials masked. */
    public String input() {
        return input;
    }

    /** The {@code user[:password]} before an {@code @} in the host part, or null when there is none. */
    static String userInfo(String input) {
        if (input == null) {
            return null;
        }
        String rest = input;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        if (at <= 0 || DIGEST.matcher(rest.substring(at + 1)).matches()) {
            return null; // no '@' before the path, or name@digest
        }
        return authority.substring(0, at);
    }

    private static String mask(String text, String userInfo) {
        return userInfo == null || text == null ? text : text.replace(userInfo, "***");
    }
}
