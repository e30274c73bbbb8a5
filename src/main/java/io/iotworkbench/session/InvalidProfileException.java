package io.iotworkbench.session;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a profile fails validation; carries every problem found so a form can show them all at once. */
public final class InvalidProfileException extends IllegalArgumentException {

    private final transient List<ProfileValidator.Problem> problems;

    public InvalidProfileException(List<ProfileValidator.Problem> problems) {
        super(problems.stream().map(ProfileValidator.Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ProfileValidator.Problem> problems() {
        return problems;
    }
}
