package dev.postflux.support;

import java.util.List;
import org.springframework.boot.test.system.CapturedOutput;

/** What one logger wrote to the console a test captured, line by line (the logger's name is on every line). */
public final class LogLines {

    private LogLines() {}

    public static List<String> of(CapturedOutput output, String logger) {
        return output.getOut().lines().filter(line -> line.contains(logger)).toList();
    }
}
