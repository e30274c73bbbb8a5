package io.iotworkbench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.jobs.JobSpec;

import java.util.Optional;

/**
 * What a {@link DemoRunner} drives: the session's connection, thing, shadows, jobs and virtual board, and the screen
 * (tabs, captions). The headless implementation is {@link LocalDemoServices}; the window adds its panes. Methods
 * block until done (the runner calls them on its own thread) and throw with a message in the user's words.
 */
public interface DemoServices {

    /** Connects the session with the named profile; returns once connected. */
    void connect(String profile) throws Exception;

    /** Shows a tab (nothing headless). */
    void selectTab(String tab);

    /** The session's thing. */
    String thing();

    /** Switches the session to a thing. */
    void setThing(String thing);

    /** Sends a shadow update; returns the error message when the service refused it, else empty. */
    Optional<String> updateShadow(String thing, String shadow, JsonNode request) throws Exception;

    /** The shadow's {@code state} (empty when the thing has no such shadow). */
    Optional<JsonNode> shadowState(String thing, String shadow) throws Exception;

    /** Creates a job. */
    void createJob(JobSpec spec) throws Exception;

    /** The status of the thing's execution of a job (empty when there is none). */
    Optional<String> jobExecutionStatus(String jobId, String thing) throws Exception;

    /** Types a command into the virtual board's console (starting the board on first use). */
    void boardCommand(String command) throws Exception;

    /** A mark for {@link #consoleLineSince}: the number of console lines seen so far. */
    long consoleMark();

    /** The first console line after {@code mark} containing {@code text}; empty when none. */
    Optional<String> consoleLineSince(long mark, String text);

    /** The newest console line (for failure messages); empty when none. */
    Optional<String> lastConsoleLine();

    /** Shows a caption (printed headless). */
    void caption(String text);
}
