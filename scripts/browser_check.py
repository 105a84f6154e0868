"""Drives the page of `vidclass serve` in headless Chromium (scripts/test-browser runs this).

browser_check.py URL CLIP EXPECTED_TOP_LABEL OUT_DIR

Opens URL, waits for the model picker to fill from /v1/models, uploads CLIP through the page's file input (a
real multipart POST), waits for the labels, and checks that the first equals EXPECTED_TOP_LABEL, that the
frames strip shows one picture per sampled frame, and that no error is shown. Saves OUT_DIR/desktop.png
(1280 wide) and OUT_DIR/phone.png (390 wide, the same result after uploading again). Exits 1 with a sentence
on failure.
"""
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait


def fail(message):
    print("browser_check: " + message, file=sys.stderr)
    sys.exit(1)


def upload_and_read(driver, clip):
    driver.find_element(By.ID, "file").send_keys(clip)
    WebDriverWait(driver, 60).until(
        lambda d: d.find_element(By.ID, "error").is_displayed() or d.find_elements(By.CSS_SELECTOR, "#labels li .label"))
    # A video longer than a minute goes on to its timeline; the progress card hides when all is shown.
    WebDriverWait(driver, 120).until(lambda d: not d.find_element(By.ID, "progress").is_displayed())
    if driver.find_element(By.ID, "error").is_displayed():
        fail("the page shows an error: " + driver.find_element(By.ID, "error").text)
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#labels li .label")]


def full_page_screenshot(driver, width, path):
    """The whole page: the window is made as tall as the document first."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, height + 100)
    driver.save_screenshot(path)


def main():
    url, clip, expected, out = sys.argv[1:5]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(url)
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#model option"))
        labels = upload_and_read(driver, clip)
        if not labels or labels[0] != expected:
            fail("the page's top label is %r; the command line's is %r" % (labels[:1], expected))
        images = driver.find_elements(By.CSS_SELECTOR, "#frames .frame img")
        if not images or not all(i.get_attribute("src").startswith("data:image/png") for i in images):
            fail("the frames strip shows no thumbnails")
        full_page_screenshot(driver, 1280, out + "/desktop.png")
        driver.set_window_size(390, 1400)
        driver.get(url)
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#model option"))
        if upload_and_read(driver, clip)[:1] != [expected]:
            fail("at phone width the top label differs")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        if width > 390:
            fail("at phone width the page is %d px wide and scrolls sideways" % width)
        full_page_screenshot(driver, 390, out + "/phone.png")
        print("browser_check: top label %r, %d frames shown" % (labels[0], len(images)))
    finally:
        driver.quit()


main()
