package dev.canarylab.lab.command;

import picocli.CommandLine;

/** A TCP port option: 0 (pick a free one) to 65535, refused while parsing, before anything starts. */
final class PortConverter implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a port: 1 to 65535, or 0 to pick a"
                    + " free one");
        }
        return port;
    }
}
