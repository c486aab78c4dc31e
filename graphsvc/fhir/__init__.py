"""HL7 FHIR R4 exchange: the mapping of ``docs/fhir.md`` both ways, import and export.

Resources are parsed and built with the ``fhir.resources`` R4B models; what
they carry is turned into graphsvc's exchange records, so the importer's
validation and writing are the same for FHIR as for graphsvc's own files.
"""
