"""The result lines every test script prints: `ok - NAME` or `not ok - NAME`
with the detail indented, and a closing `N passed, N failed`."""


class Report:
    def __init__(self, detail_limit=None):
        self.passed = self.failed = 0
        self.detail_limit = detail_limit

    def __call__(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"ok - {name}")
        else:
            self.failed += 1
            detail = str(detail)
            if self.detail_limit:
                detail = detail[: self.detail_limit]
            print(f"not ok - {name}\n  {detail}")

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
