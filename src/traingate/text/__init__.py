"""Unicode text handling: the normalized view content rules match on
(:mod:`traingate.text.normalize`: ``normalize``, ``normalize_mapped``, ``original_span``)
and where a text hides characters from its reader (:mod:`traingate.text.hidden`,
:mod:`traingate.text.mixed`)."""
