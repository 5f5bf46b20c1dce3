package dev.canarylab.lab.command;

import dev.canarylab.lab.LabException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line given as one option value into words, as a POSIX shell would without expanding
 * anything: blanks separate words, single quotes keep everything, double quotes keep blanks, a backslash
 * escapes the next character outside single quotes.
 */
final class Words {

    private Words() {
    }

    static List<String> split(String line, String option) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw LabException.badInput(option + " has an unclosed " + quote + " quote: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw LabException.badInput(option + " is empty");
        }
        return words;
    }
}
