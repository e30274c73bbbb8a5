package io.iotworkbench.session;

/**
 * Fills in what a profile only knows at connect time. The Local IoT Core listens on a free port and issues the
 * device's certificate when it starts, so the built-in profile gets its endpoint, port and files from the running
 * emulator; an AWS profile is returned as it is.
 */
@FunctionalInterface
public interface ProfileResolver {

    Profile resolve(Profile profile) throws Exception;

    static ProfileResolver identity() {
        return p -> p;
    }
}
