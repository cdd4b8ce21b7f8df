package org.weiquan.web;

import java.io.Serializable;
import java.util.List;

/**
 * What the search pages share: twenty rows a page, the total, the steps forward and back, and a refused
 * search shown at its field with an empty list (the case list and the contact search).
 *
 * @param <R> a row as the page shows it
 */
public abstract class PagedSearch<R extends Serializable> implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int SIZE = 20;

    private int page;
    private List<R> items;
    private long total;

    /** One page of rows and how many there are in all. */
    protected record Found<R>(List<R> items, long total) {
    }

    /** Runs the page's own search for the given page (from 0) of the given size. */
    protected abstract Found<R> find(int page, int size);

    /** The form whose fields a refused search points at. */
    protected abstract String formId();

    /** The message key of "N found", with the total as its parameter. */
    protected abstract String totalKey();

    public void search() {
        page = 0;
        run();
    }

    public void next() {
        if (isHasNext()) {
            page++;
        }
        run();
    }

    public void previous() {
        page = Math.max(0, page - 1);
        run();
    }

    private void run() {
        try {
            Found<R> found = find(page, SIZE);
            items = found.items();
            total = found.total();
        } catch (RuntimeException e) {
            items = List.of();
            total = 0;
            Feedback.refused(e, field -> formId() + ":" + field);
        }
    }

    public List<R> getItems() {
        if (items == null) {
            run();
        }
        return items;
    }

    public String getTotalText() {
        getItems();
        return Texts.get(totalKey(), String.valueOf(total));
    }

    public String getPageText() {
        return Texts.get("common.page", String.valueOf(page + 1));
    }

    public boolean isHasNext() {
        return (long) (page + 1) * SIZE < total;
    }

    public boolean isHasPrevious() {
        return page > 0;
    }
}
