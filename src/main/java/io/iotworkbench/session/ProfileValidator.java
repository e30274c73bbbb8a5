package io.iotworkbench.session;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a profile before it is saved and says, field by field, what is wrong and how to fix it.
 *
 * <p>Stateless and thread-safe. Reads the file system only to check that named files exist.
 */
public final class ProfileValidator {

    /** AWS's thing name pattern. */
    public static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern CREDENTIALS_PROFILE = Pattern.compile("[A-Za-z0-9_.+=,@-]{1,64}");
    private static final int MAX_NAME = 64;
    private static final int MAX_CLIENT_ID = 128;

    /** One problem with one field. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /**
     * Validates {@code profile}, which will be stored beside profiles named {@code otherNames} (the profile's own
     * previous name excluded).
     */
    public List<Problem> validate(Profile profile, Collection<String> otherNames) {
        List<Problem> problems = new ArrayList<>();
        String name = profile.name() == null ? "" : profile.name().strip();
        if (name.isEmpty()) {
            problems.add(new Problem("name", "Give the profile a name."));
        } else if (name.length() > MAX_NAME) {
            problems.add(new Problem("name", "Use at most " + MAX_NAME + " characters."));
        } else if (!profile.isBuiltIn() && name.equalsIgnoreCase(Profile.LOCAL_NAME)) {
            problems.add(new Problem("name", "'" + Profile.LOCAL_NAME
                    + "' is the built-in profile; choose another name."));
        } else if (otherNames.stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
            problems.add(new Problem("name", "A profile named '" + name + "' already exists."));
        }
        if (profile.kind() == ProfileKind.AWS) {
            validateAws(profile, problems);
        }
        String thing = blankToEmpty(profile.thingName());
        if (!thing.isEmpty() && !THING_NAME.matcher(thing).matches()) {
            problems.add(new Problem("thingName",
                    "Thing names use letters, digits, ':', '_' and '-' only (at most 128)."));
        }
        String clientId = blankToEmpty(profile.clientId());
        if (clientId.isEmpty()) {
            problems.add(new Problem("clientId",
                    "Give an MQTT client id (AWS policies usually expect the thing name)."));
        } else if (clientId.length() > MAX_CLIENT_ID) {
            problems.add(new Problem("clientId", "AWS IoT accepts client ids of at most 128 characters."));
        }
        checkFile("certificateFile", "device certificate", profile.certificateFile(), problems);
        checkFile("privateKeyFile", "private key", profile.privateKeyFile(), problems);
        checkFile("rootCaFile", "root CA", profile.rootCaFile(), problems);
        return problems;
    }

    private static void validateAws(Profile profile, List<Problem> problems) {
        String region = blankToEmpty(profile.region());
        if (!REGION.matcher(region).matches()) {
            problems.add(new Problem("region", "Use an AWS region code such as us-east-1 or eu-west-1."));
        }
        String endpoint = blankToEmpty(profile.endpoint());
        if (endpoint.isEmpty()) {
            problems.add(new Problem("endpoint", "Enter your account's IoT endpoint "
                    + "(AWS console → IoT Core → Settings, or "
                    + "`aws iot describe-endpoint --endpoint-type iot:Data-ATS`)."));
        } else if (endpoint.contains("://") || endpoint.contains("/") || !HOST.matcher(endpoint).matches()) {
            problems.add(new Problem("endpoint", "Enter a host name only, such as "
                    + "abc123-ats.iot.us-east-1.amazonaws.com (no https:// and no path)."));
        } else if (endpoint.toLowerCase(Locale.ROOT).endsWith(".amazonaws.com") && !endpoint.contains("-ats.")) {
            problems.add(new Problem("endpoint", "Use the ATS endpoint (its name contains '-ats.'); "
                    + "the legacy endpoint is signed by a Symantec root that Java no longer trusts."));
        }
        if (profile.port() != Profile.MQTT_TLS_PORT && profile.port() != Profile.MQTT_ALPN_PORT) {
            problems.add(new Problem("port", "AWS IoT takes MQTT over TLS on port 8883, or on 443 with ALPN "
                    + Profile.AWS_MQTT_ALPN + "."));
        }
        String creds = blankToEmpty(profile.credentialsProfile());
        if (!creds.isEmpty() && !CREDENTIALS_PROFILE.matcher(creds).matches()) {
            problems.add(new Problem("credentialsProfile",
                    "Name a profile from ~/.aws/config or ~/.aws/credentials (letters, digits, _ . - only)."));
        }
    }

    private static void checkFile(String field, String what, String path, List<Problem> problems) {
        if (path == null || path.isBlank()) {
            return;
        }
        try {
            Path p = Path.of(path);
            if (!Files.isRegularFile(p)) {
                problems.add(new Problem(field, "The " + what + " file " + path + " does not exist."));
            } else if (!Files.isReadable(p)) {
                problems.add(new Problem(field, "The " + what + " file " + path + " cannot be read."));
            }
        } catch (InvalidPathException e) {
            problems.add(new Problem(field, "'" + path + "' is not a valid file path."));
        }
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
