document.querySelector("#app")!.textContent = "iamspec playground";
