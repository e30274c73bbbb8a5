package io.iotworkbench.localcore.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the service name from a request's SigV4 credential scope
 * ({@code Credential=AKID/date/region/SERVICE/aws4_request}), in the {@code Authorization} header or the presigned
 * {@code X-Amz-Credential} query parameter. The signature itself is not checked: the Local IoT Core accepts any
 * credentials, and uses the scope only to route paths that two services share. Stateless.
 */
final class SigningScope {

    private static final Pattern HEADER = Pattern.compile("Credential=([^/,\\s]+)/([^/,\\s]+)/([^/,\\s]+)/"
            + "([^/,\\s]+)/aws4_request");
    private static final Pattern QUERY = Pattern.compile("^[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request$");

    private SigningScope() {
    }

    /** The access key id of a SigV4 {@code Authorization} header, if it has one. */
    static java.util.Optional<String> accessKeyId(String authorizationHeader) {
        if (authorizationHeader != null) {
            Matcher m = HEADER.matcher(authorizationHeader);
            if (m.find()) {
                return java.util.Optional.of(m.group(1));
            }
        }
        return java.util.Optional.empty();
    }

    /** The signing service, or null when the request is not signed with SigV4. */
    static String service(String authorizationHeader, String credentialQueryParameter) {
        if (authorizationHeader != null) {
            Matcher m = HEADER.matcher(authorizationHeader);
            if (m.find()) {
                return m.group(4);
            }
        }
        if (credentialQueryParameter != null) {
            Matcher m = QUERY.matcher(credentialQueryParameter);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
