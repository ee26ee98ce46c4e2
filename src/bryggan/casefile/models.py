"""The case file (*personakt*): journal notes, documents, structured assessment, kommunicering and
case discussion, so that a unit needs no second case system.

Sources: SoL 2025:400 14 kap. 3 § (the handling must be documented), 6 § (the client kept informed,
objections noted), 7 § (kept from anyone unauthorised); förvaltningslagen (2017:900) 25 §
(kommunicering). See shared/domain/case-file.md.
"""
