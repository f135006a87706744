// Node-side tests run in Asia/Shanghai like the product; nothing may reach the real WeChat cloud.
process.env.TZ = 'Asia/Shanghai'
