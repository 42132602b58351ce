"""Excel workbooks (openpyxl): the report and the comparison."""
