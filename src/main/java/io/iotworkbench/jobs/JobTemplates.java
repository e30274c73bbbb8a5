package io.iotworkbench.jobs;

import java.util.List;

/**
 * Job document templates for the create-job wizard: the WM SDK jobs_demo Reboot document (wm-board.md §4), AWS's
 * sample print and publish documents, and an OTA-style document whose URL is a
 * {@code ${aws:iot:s3-presigned-url:...}} placeholder (needs a presigned-URL role, so AWS profiles only). Immutable.
 */
public final class JobTemplates {

    /** One template: a name for the chooser, the document, and whether it needs a presigned-URL role. */
    public record Template(String name, String document, boolean needsPresignedUrlRole) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final Template WM_REBOOT = new Template("WM jobs_demo: Reboot",
            "{\n  \"steps\": [\n    {\n      \"action\": {\n        \"name\": \"Reboot\"\n      }\n    }\n"
                    + "  ]\n}", false);
    public static final Template AWS_PRINT = new Template("AWS sample: print",
            "{\n  \"operation\": \"print\",\n  \"message\": \"Hello from IoT Workbench\"\n}", false);
    public static final Template AWS_PUBLISH = new Template("AWS sample: publish",
            "{\n  \"operation\": \"publish\",\n  \"topic\": \"workbench/jobs/hello\",\n"
                    + "  \"message\": \"Hello from IoT Workbench\"\n}", false);
    public static final Template OTA = new Template("OTA-style download (AWS)",
            "{\n  \"operation\": \"download\",\n  \"files\": [\n    {\n      \"fileName\": \"w800_ota.img\",\n"
                    + "      \"url\": \"${aws:iot:s3-presigned-url:https://s3.amazonaws.com/my-bucket/w800_ota.img}\"\n"
                    + "    }\n  ]\n}", true);

    private JobTemplates() {
    }

    public static List<Template> all() {
        return List.of(WM_REBOOT, AWS_PRINT, AWS_PUBLISH, OTA);
    }
}
