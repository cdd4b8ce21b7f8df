/*
 * The intake form: when earlier contacts that may be the same matter are found (while the clerk types, or when she
 * saves), their warning at the top of the form is brought into view and focused, so that she sees it where she is.
 */
(function () {
    var shown = '';

    function reveal() {
        var warning = document.getElementById('duplicateWarning');
        if (!warning || warning.style.display === 'none') {
            shown = '';
            return;
        }
        var count = warning.getAttribute('data-count') || '';
        var signature = count + ':' + (warning.textContent || '').length;
        if (signature === shown) {
            return;
        }
        shown = signature;
        warning.scrollIntoView({block: 'start'});
        warning.focus({preventScroll: true});
    }

    document.addEventListener('DOMContentLoaded', reveal);
    if (window.jQuery) {
        window.jQuery(document).on('pfAjaxComplete', reveal);
    }
})();
