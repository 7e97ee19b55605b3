// sxsh's own scripts, loaded as one module by every page (templates/layout.html).
// Each module below looks for the elements it serves and does nothing on
// pages without them; every page works without scripts.
import './js/form.js';
import './js/autosave.js';
import './js/picker.js';
import './js/attach.js';
