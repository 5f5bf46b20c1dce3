package dev.canarylab.lab.command;

import picocli.CommandLine;

/** A timeout in whole seconds, 1 s to a day: refused while parsing, not after the change it guards was made. */
final class TimeoutConverter implements CommandLine.ITypeConverter<Integer> {

    static final int MAX = 86_400;

    @Override
    public Integer convert(String value) {
        int seconds;
        try {
            seconds = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a timeout: a whole number of"
                    + " seconds from 1 to " + MAX);
        }
        return seconds;
    }
}
