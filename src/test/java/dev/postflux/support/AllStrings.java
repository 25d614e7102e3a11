package dev.postflux.support;

import java.util.ArrayList;
import java.util.List;

/** Every string over a small alphabet up to a length: an exhaustive input set for comparing two rules. */
public final class AllStrings {

    private AllStrings() {}

    public static List<String> over(String alphabet, int maxLength) {
        var all = new ArrayList<String>();
        all.add("");
        int from = 0;
        for (int length = 1; length <= maxLength; length++) {
            int to = all.size();
            for (int i = from; i < to; i++) {
                for (char c : alphabet.toCharArray()) {
                    all.add(all.get(i) + c);
                }
            }
            from = to;
        }
        return all;
    }
}
