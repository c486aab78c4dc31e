"""The parts of the importer: problems, record validation, file reading, writing.

:mod:`graphsvc.importer` is the public face; these modules are its pieces.
"""
