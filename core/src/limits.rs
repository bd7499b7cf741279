//! Size, length and count caps applied to untrusted datasets.
