// jest-dom matchers (toHaveTextContent, ...) for the web tests beside src/ pages.
/// <reference types="@testing-library/jest-dom" />
